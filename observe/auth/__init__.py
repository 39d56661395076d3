"""Login, logout, passwords, throttling and personal API tokens."""
