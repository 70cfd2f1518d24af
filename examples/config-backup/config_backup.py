# Saves a copy of the configuration whenever it changes, with a shell command.
#
# Paths:   system configuration last-change
# Options: command   value: the command line to run; "{time}" is replaced by the change time
#                    (default: copies the saved startup config into ./backups/)
import json


def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    last_change = None
    for item in data["paths"]:
        if item["path"] == "system configuration last-change":
            last_change = item["value"]
    if last_change is None:
        # No commit yet since the node started: nothing to back up.
        return json.dumps({"actions": []})
    command = data.get("options", {}).get(
        "command", "mkdir -p backups && echo saved {time} >> backups/backup.log")
    stamp = last_change.replace(":", "-")
    return json.dumps({
        "actions": [
            # always-execute: the same save is wanted after every commit.
            {"set-tools-path": {"path": "system configuration save", "value": "",
                                "always-execute": True}},
            {"run-script": {"cmdline": command.replace("{time}", stamp)}},
        ]
    })
