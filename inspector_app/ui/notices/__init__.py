"""The supervisor's 通知书 page: drafts and issued notices, one open, 签发 and reprints."""
