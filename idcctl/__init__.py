"""idcctl: the command-line tool for the idcloudhost.com cloud."""

__version__ = "0.1.0"
