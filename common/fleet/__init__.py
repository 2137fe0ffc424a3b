"""The fleet as data, and the tools that run it: ``python -m common.fleet.up``.

Nothing here imports a service or the gateway: processes are started by package name.
"""
