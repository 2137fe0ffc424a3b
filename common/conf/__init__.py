"""Configuration: the env var registry, typed readers and the settings builder."""
