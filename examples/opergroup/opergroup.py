# Operational group: keep a set of access links ("down-links") down while too few uplinks are up.
#
# Configure it on an instance with, for example:
#   paths [ "interface ethernet-1/{49..50} oper-state" ]
#   options object required-up-uplinks value 2
#   options object down-links values [ ethernet-1/1 ethernet-1/2 ]
#   options object debug value true          (optional: prints the decision)
#
# Every execution receives the current oper-state of all watched uplinks and returns one
# set-ephemeral-path action per down-link, so the script needs no memory between executions.
import json


def count_up(paths):
    up = 0
    for entry in paths:
        if entry.get("value") == "up":
            up += 1
    return up


def required_up(options, uplink_count):
    # Without the option every watched uplink must be up.
    text = options.get("required-up-uplinks")
    if text is None:
        return uplink_count
    return int(text)


def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    paths = data.get("paths", [])
    options = data.get("options", {})

    up = count_up(paths)
    needed = required_up(options, len(paths))
    state = "up" if up >= needed else "down"

    if options.get("debug") == "true":
        print("uplinks up: %d of %d, required: %d -> down-links %s" % (up, len(paths), needed, state))

    actions = []
    for link in options.get("down-links", []):
        actions.append({
            "set-ephemeral-path": {
                "path": "interface %s oper-state" % link,
                "value": state,
            }
        })
    return json.dumps({"actions": actions})
