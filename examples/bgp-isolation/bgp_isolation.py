# Isolates the node from its access side when too few BGP sessions are established, and brings
# it back only after the sessions have been stable for a hold-down time.
#
# Paths:   network-instance default protocols bgp neighbor * session-state
# Options: access-interfaces   values: interfaces to force down while isolated
#          min-established     value: sessions needed to stay in service (default "1")
#          hold-down-seconds   value: stable time before leaving isolation (default "300")
#
# persistent-data: {"isolated": bool, "stable-since": seconds or null}
import json
import time


def _established(paths):
    count = 0
    for item in paths:
        if item["path"].endswith(" session-state") and item["value"] == "established":
            count += 1
    return count


def _set_access(interfaces, state):
    actions = []
    for name in interfaces:
        actions.append({
            "set-ephemeral-path": {
                "path": "interface %s oper-state" % name,
                "value": state,
            }
        })
    return actions


def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    options = data.get("options", {})
    access = options.get("access-interfaces", [])
    if isinstance(access, str):
        access = [access]
    needed = int(options.get("min-established", "1"))
    hold_down = int(options.get("hold-down-seconds", "300"))
    state = data.get("persistent-data") or {"isolated": False, "stable-since": None}
    now = time.time()

    healthy = _established(data["paths"]) >= needed
    actions = []
    if not healthy:
        # Isolate at once, whatever the hold-down.
        if not state["isolated"]:
            actions += _set_access(access, "down")
        state = {"isolated": True, "stable-since": None}
    elif state["isolated"]:
        if state["stable-since"] is None:
            state["stable-since"] = now
        remaining = state["stable-since"] + hold_down - now
        if remaining <= 0:
            actions += _set_access(access, "up")
            state = {"isolated": False, "stable-since": None}
        else:
            # Check again when the hold-down ends; a flap in between resets it.
            actions.append({"reinvoke-with-delay": int(remaining * 1000)})
    return json.dumps({"actions": actions, "persistent-data": state})
