# Sets each interface's description from its LLDP neighbour: "to <system-name> <port-id>".
#
# Paths:   system lldp interface * neighbor * system-name
#          system lldp interface * neighbor * port-id
# Options: prefix (optional, default "to")
#
# The same description is returned on every run; without always-execute, eventmgr applies an
# action only when it differs from what the previous execution applied, so unchanged
# descriptions do not cause a configuration commit each time.
import json


def _neighbours(paths):
    # Returns {interface: {"system-name": ..., "port-id": ...}} from the input paths.
    found = {}
    for item in paths:
        words = item["path"].split(" ")
        # system lldp interface <name> neighbor <id> <leaf>
        if len(words) != 7 or words[0] != "system" or words[2] != "interface":
            continue
        interface = words[3]
        found.setdefault(interface, {})[words[6]] = item["value"]
    return found


def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    options = data.get("options", {})
    prefix = options.get("prefix", "to")
    actions = []
    neighbours = _neighbours(data["paths"])
    for interface in sorted(neighbours):
        info = neighbours[interface]
        name = info.get("system-name")
        if not name:
            continue
        description = "%s %s %s" % (prefix, name, info.get("port-id", ""))
        actions.append({
            "set-cfg-path": {
                "path": "interface %s description" % interface,
                "value": description.strip(),
            }
        })
    return json.dumps({"actions": actions})


if __name__ == "__main__":
    # Not run by the event handler: the module is loaded under its own name.
    print(event_handler_main('{"paths":[],"options":{}}'))
