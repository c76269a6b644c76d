"""The supervisor's 审核 page: the queue, one inspection read-only, approve or return."""
