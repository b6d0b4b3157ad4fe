"""A small Python SDK for the idcloudhost.com API.

`Client` (in `idcctl.api.client`) does all HTTP; one module per API section
(`account`, `vms`, ...) holds plain functions that know each endpoint's
method, path and body encoding and return the API's parsed JSON unchanged.
Nothing here prints, prompts, exits or imports typer/rich, so the package
can be imported on its own::

    from idcctl.api.client import Client
    from idcctl.api import vms
    client = Client(api_key, location="bus02")
    names = [vm["name"] for vm in vms.list(client)]

The resource modules do not import httpx themselves, so importing them is cheap.
"""
