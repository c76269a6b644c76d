"""Official documents: rectification notice and on-site record sheet as PDF."""
