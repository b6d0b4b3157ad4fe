"""Local, stateful emulator of the idcloudhost API (standard library only).

Start it with `idcctl.sandbox.server.make_server(...)`; see that module.
"""
