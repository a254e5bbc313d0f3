"""What keeps the running bot healthy and quick: group commit, metrics, monitoring and logs."""
