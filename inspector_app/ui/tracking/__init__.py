"""整改跟踪: the supervisor follows each issued notice from 送达 to 销号."""
