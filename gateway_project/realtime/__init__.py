"""Real time at the gateway: ``/ws/`` (Channels) and ``/socket.io/``, pushed to by the gateway's worker."""
