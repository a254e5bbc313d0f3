"""What residents type at each question of the intake, and what it must be read as."""
