"""Starts a tunnelform-emulator and talks to it through Alibaba's official Python SDKs.

Three drivers, one interface (`call(product, action, params) -> dict`, raising `APIError`):

- `TeaV3Driver`: alibabacloud-vpc20160428 / alibabacloud-cbn20170912 over alibabacloud-tea-openapi, the
  SDK's default ACS3-HMAC-SHA256 signing;
- `TeaRPCDriver`: the same clients configured with `signature_algorithm='v2'` (RPC HMAC-SHA1);
- `CoreDriver`: the older aliyun-python-sdk-core with aliyun-python-sdk-vpc / aliyun-python-sdk-cbn.

`params` are the logical request in the SDK's nested form (`{"TunnelOptionsSpecification": [{...}]}`);
each driver turns it into its own request objects, so flattening and placement are the SDK's.
Every driver returns the response body exactly as it came off the wire (parsed JSON), so the checks
judge the emulator, not the SDK's lenient model loading.
"""
from __future__ import annotations

import importlib
import inspect
import json
import os
import re
import subprocess
import tempfile
import time
import urllib.request

ACCESS_KEY_ID = "tf-emulator"
ACCOUNT_ID = "1234567890123456"
PACKAGE_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def binary(name: str) -> str:
    """A built product: TUNNELFORM_BIN_DIR (set by the Swift test), else .build/debug."""
    folder = os.environ.get("TUNNELFORM_BIN_DIR") or os.path.join(PACKAGE_ROOT, ".build", "debug")
    return os.path.join(folder, name)


class Emulator:
    """One `tunnelform-emulator --record-requests` process with a fresh random secret."""

    def __init__(self, *arguments: str):
        self.secret = "sdk-" + os.urandom(12).hex()
        self.folder = tempfile.mkdtemp(prefix="tf-sdk-")
        environment = dict(os.environ, TUNNELFORM_EMULATOR_ACCESS_KEY_SECRET=self.secret, LOG_LEVEL="warning")
        self._stderr = open(os.path.join(self.folder, "stderr.txt"), "w")
        self.process = subprocess.Popen(
            [binary("tunnelform-emulator"), "--record-requests", *arguments],
            stdout=subprocess.PIPE, stderr=self._stderr, env=environment, text=True)
        line = self.process.stdout.readline().strip()
        self.process.stdout.close()
        prefix = "tunnelform-emulator listening on "
        if not line.startswith(prefix):
            self.stop()
            raise RuntimeError(f"unexpected first line {line!r}")
        self.url = line[len(prefix):]
        self.host = self.url.split("://", 1)[1]

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._stderr.close()

    def debug(self, path: str, method: str = "GET"):
        request = urllib.request.Request(self.url + path, method=method)
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def requests(self, clear: bool = False) -> list[dict]:
        return self.debug("/_emulator/requests" + ("?clear=true" if clear else ""))["requests"]


class APIError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code


def snake(name: str) -> str:
    """`DescribeVpnConnections` -> `describe_vpn_connections`, as the Tea clients name their methods."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


PRODUCTS = {
    "vpc": ("alibabacloud_vpc20160428", "aliyunsdkvpc.request.v20160428"),
    "cbn": ("alibabacloud_cbn20170912", "aliyunsdkcbn.request.v20170912"),
}


class TeaDriver:
    """The Tea clients; `call_api` is wrapped only to keep the raw body next to the SDK's model."""

    signature_algorithm = None
    name = "tea"

    def __init__(self, emulator: Emulator, secret: str | None = None, access_key_id: str = ACCESS_KEY_ID):
        from alibabacloud_tea_openapi import models as open_api_models
        self.emulator = emulator
        self.clients = {}
        for product, (package, _) in PRODUCTS.items():
            client_class = importlib.import_module(package + ".client").Client
            config = open_api_models.Config(
                access_key_id=access_key_id, access_key_secret=secret or emulator.secret, endpoint=emulator.host,
                protocol="http", region_id="cn-hangzhou", signature_algorithm=self.signature_algorithm)
            client = client_class(config)
            original = client.call_api

            def capture(params, request, runtime, original=original, client=client):
                result = original(params, request, runtime)
                client.last_raw_body = result.get("body")
                return result

            client.call_api = capture
            self.clients[product] = client

    def call(self, product: str, action: str, params: dict) -> dict:
        from alibabacloud_tea_util import models as util_models
        from alibabacloud_tea_openapi.exceptions import AlibabaCloudException
        client = self.clients[product]
        models = importlib.import_module(PRODUCTS[product][0] + ".models")
        request = getattr(models, action + "Request")().from_map(params)
        runtime = util_models.RuntimeOptions(autoretry=False, max_attempts=1)
        try:
            getattr(client, snake(action) + "_with_options")(request, runtime)
        except AlibabaCloudException as error:
            raise APIError(getattr(error, "status_code", 0) or 0, error.code, str(error)) from None
        return client.last_raw_body


class TeaV3Driver(TeaDriver):
    name = "tea-v3"


class TeaRPCDriver(TeaDriver):
    signature_algorithm = "v2"
    name = "tea-rpc"


def core_setters(request_class) -> dict[str, str]:
    """wire name -> setter method of an aliyun-python-sdk request class, read from its getters' source."""
    setters = {}
    for name, member in inspect.getmembers(request_class, inspect.isfunction):
        if not name.startswith("get_"):
            continue
        match = re.search(r"get_(?:query|body)_params\(\)\.get\('([^']+)'\)", inspect.getsource(member))
        if match and hasattr(request_class, "set_" + name[4:]):
            setters[match.group(1)] = "set_" + name[4:]
    return setters


class CoreDriver:
    """aliyun-python-sdk-core's AcsClient (RPC HMAC-SHA1), the endpoint set on each request."""

    name = "core"

    def __init__(self, emulator: Emulator, secret: str | None = None, access_key_id: str = ACCESS_KEY_ID):
        from aliyunsdkcore.client import AcsClient
        self.emulator = emulator
        host, port = emulator.host.rsplit(":", 1)
        self.host = host
        self.client = AcsClient(access_key_id, secret or emulator.secret, "cn-hangzhou", auto_retry=False, port=int(port))

    def call(self, product: str, action: str, params: dict) -> dict:
        from aliyunsdkcore.acs_exception.exceptions import ClientException, ServerException
        from aliyunsdkcore.request import set_default_protocol_type
        module = importlib.import_module(f"{PRODUCTS[product][1]}.{action}Request")
        request_class = getattr(module, action + "Request")
        request = request_class()
        setters = core_setters(request_class)
        for key, value in params.items():
            if key == "RegionId" and key not in setters:
                # The core SDK's requests take the region from the client, as a signed query parameter.
                request.add_query_param("RegionId", value)
                continue
            if key not in setters:
                raise KeyError(f"aliyun-python-sdk has no {action}.{key}")
            getattr(request, setters[key])(value)
        request.set_endpoint(self.host)
        request.set_protocol_type("http")
        try:
            return json.loads(self.client.do_action_with_exception(request))
        except ServerException as error:
            raise APIError(error.get_http_status(), error.get_error_code(), error.get_error_msg()) from None
        except ClientException as error:
            raise APIError(0, error.get_error_code(), error.get_error_msg()) from None


DRIVERS = [TeaV3Driver, TeaRPCDriver, CoreDriver]


def wait_for(condition, what: str, timeout: float = 20.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def unflatten(flat: dict[str, str]) -> dict:
    """`A.1.B=x` -> `{"A": [{"B": "x"}]}`: lists where every key below a node is a positive integer."""
    tree: dict = {}
    for key, value in flat.items():
        node = tree
        parts = key.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value

    def listify(node):
        if not isinstance(node, dict):
            return node
        converted = {key: listify(child) for key, child in node.items()}
        if converted and all(key.isdigit() and int(key) > 0 for key in converted):
            return [converted[key] for key in sorted(converted, key=int)]
        return converted

    return listify(tree)
