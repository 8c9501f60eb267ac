"""The dashboard: server-rendered Jinja2 pages, a little plain JavaScript, no build step."""
