"""gNMI interoperability check of eventmgr with Debian's python3-grpcio.

Runs Capabilities, Get, Set (one valid and one that fails validation) and a Subscribe
ON_CHANGE to the statistics and last-execution of every event-handler instance, then changes
state with `eventmgr cli -c` and waits for the new execution-count. The message classes come
from the project's gnmi.proto, compiled with protoc --python_out into GENERATED_DIR.

Usage: python3 gnmi_client.py GNMI_ADDRESS GENERATED_DIR EVENTMGR_BINARY JSONRPC_ADDRESS
Exits 0 when every check passed; prints one line per check.
"""

import json
import queue
import subprocess
import sys
import time

GNMI_ADDRESS, GENERATED_DIR, EVENTMGR, JSONRPC_ADDRESS = sys.argv[1:5]
sys.path.insert(0, GENERATED_DIR)

import grpc  # noqa: E402
import gnmi_pb2  # noqa: E402

TIMEOUT_S = 20
channel = grpc.insecure_channel(GNMI_ADDRESS)


def unary(method, response_type):
    return channel.unary_unary(
        "/gnmi.gNMI/" + method,
        request_serializer=lambda message: message.SerializeToString(),
        response_deserializer=response_type.FromString,
    )


capabilities = unary("Capabilities", gnmi_pb2.CapabilityResponse)
get = unary("Get", gnmi_pb2.GetResponse)
set_ = unary("Set", gnmi_pb2.SetResponse)
subscribe = channel.stream_stream(
    "/gnmi.gNMI/Subscribe",
    request_serializer=lambda message: message.SerializeToString(),
    response_deserializer=gnmi_pb2.SubscribeResponse.FromString,
)


def check(condition, message):
    if not condition:
        raise AssertionError("check failed: " + message)
    print("ok: " + message, flush=True)


def path(*elements):
    """Build a Path from (name, {key: value}) pairs or plain names."""
    result = gnmi_pb2.Path()
    for element in elements:
        name, keys = element if isinstance(element, tuple) else (element, {})
        result.elem.add(name=name, key=keys)
    return result


def text(p):
    return "/" + "/".join(
        e.name + "".join(f"[{k}={e.key[k]}]" for k in sorted(e.key)) for e in p.elem
    )


def get_value(p):
    request = gnmi_pb2.GetRequest(path=[p], encoding=gnmi_pb2.JSON_IETF)
    response = get(request, timeout=TIMEOUT_S)
    return json.loads(response.notification[0].update[0].val.json_ietf_val)


DESCRIPTION = path(("interface", {"name": "ethernet-1/1"}), "description")
COUNT = path(
    "system", "event-handler", ("instance", {"name": "opergroup"}), "statistics",
    "execution-count",
)


def main():
    reply = capabilities(gnmi_pb2.CapabilityRequest(), timeout=TIMEOUT_S)
    check(reply.gNMI_version == "0.10.0", "Capabilities gNMI_version 0.10.0")
    check(gnmi_pb2.JSON_IETF in reply.supported_encodings, "Capabilities lists JSON_IETF")

    request = gnmi_pb2.SetRequest()
    request.update.add(path=DESCRIPTION, val=gnmi_pb2.TypedValue(string_val="set by python"))
    set_(request, timeout=TIMEOUT_S)
    check(get_value(DESCRIPTION) == "set by python", "Set then Get of a description")

    request = gnmi_pb2.SetRequest()
    request.update.add(path=DESCRIPTION, val=gnmi_pb2.TypedValue(string_val="never"))
    request.update.add(
        path=path(("interface", {"name": "ethernet-1/1"}), "mtu"),
        val=gnmi_pb2.TypedValue(uint_val=100),
    )
    try:
        set_(request, timeout=TIMEOUT_S)
        code = grpc.StatusCode.OK
    except grpc.RpcError as error:
        code = error.code()
    check(code == grpc.StatusCode.ABORTED, f"invalid Set fails with ABORTED (got {code})")
    check(get_value(DESCRIPTION) == "set by python", "failed Set changed nothing")

    end = time.monotonic() + TIMEOUT_S
    while True:
        try:
            if int(get_value(COUNT)) >= 1:
                break
        except grpc.RpcError:
            pass
        check(time.monotonic() < end, "instance opergroup executes once at start")
        time.sleep(0.1)

    requests = queue.Queue()
    subscription = gnmi_pb2.SubscribeRequest()
    subscription.subscribe.mode = gnmi_pb2.SubscriptionList.STREAM
    subscription.subscribe.encoding = gnmi_pb2.JSON_IETF
    for leaf in ("statistics", "last-execution"):
        subscription.subscribe.subscription.add(
            path=path("system", "event-handler", ("instance", {"name": "*"}), leaf),
            mode=gnmi_pb2.ON_CHANGE,
        )
    requests.put(subscription)
    stream = subscribe(iter(requests.get, None), timeout=TIMEOUT_S)
    initial = None
    try:
        for response in stream:
            if response.HasField("sync_response"):
                check(initial is not None, f"initial execution-count {initial} before sync")
                subprocess.run(
                    [EVENTMGR, "cli", "--address", JSONRPC_ADDRESS, "-c",
                     "state set interface ethernet-1/49 oper-state down"],
                    check=True, stdout=subprocess.DEVNULL,
                )
                continue
            for update in response.update.update:
                name = text(update.path)
                if not name.endswith("/statistics/execution-count"):
                    continue
                value = int(json.loads(update.val.json_ietf_val))
                if initial is None:
                    initial = value
                elif value > initial:
                    check(True, f"Subscribe sees execution-count {initial} -> {value}")
                    check(
                        any("/last-execution/" in text(u.path) for u in response.update.update),
                        "Subscribe sees last-execution change in the same notification",
                    )
                    stream.cancel()
                    requests.put(None)
                    return
    except grpc.RpcError as error:
        if error.code() != grpc.StatusCode.CANCELLED:
            raise
    raise AssertionError("the stream ended without a new execution-count")


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # report every failure as one line and a non-zero exit
        print(f"FAILED: {error!r}", file=sys.stderr)
        sys.exit(1)
