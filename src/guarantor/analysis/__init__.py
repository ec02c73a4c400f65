"""Static analysis of a spec: findings with stable codes."""
