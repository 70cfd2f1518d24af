# Reloads another event-handler instance when a watched interface goes down, so that instance
# starts from a fresh state (its always-execute memory is cleared and it runs once).
#
# Paths:   interface ethernet-1/5 oper-state
# Options: target   value: the name of the instance to reload
import json


def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    target = data.get("options", {}).get("target")
    actions = []
    for item in data["paths"]:
        if item["value"] == "down" and target:
            actions.append({
                "set-tools-path": {
                    "path": "system event-handler instance %s reload" % target,
                    "value": "",
                    "always-execute": True,
                }
            })
            break
    return json.dumps({"actions": actions})
