"""The spotter: a partner who walks beside a runner and watches what is behind them."""
