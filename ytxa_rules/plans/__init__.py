"""Provincial plans (kế hoạch): plan files, their checks, evaluation over scored stations, reports."""
