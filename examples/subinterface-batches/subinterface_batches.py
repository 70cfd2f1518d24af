# Creates one subinterface per VLAN listed in an option, a batch at a time, so that a long list
# does not become one huge configuration transaction. Between batches it asks to be called again
# after a short delay; persistent-data remembers how far it got.
#
# Options: interface    value: the parent interface, e.g. ethernet-1/1
#          vlans        values: VLAN ids, each becomes subinterface <id> with that vlan encap
#          batch-size   value: subinterfaces per execution (default "10")
#          delay-ms     value: pause between batches (default "100")
import json


def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    options = data.get("options", {})
    interface = options.get("interface", "ethernet-1/1")
    vlans = options.get("vlans", [])
    if isinstance(vlans, str):
        vlans = [vlans]
    batch = int(options.get("batch-size", "10"))
    delay = int(options.get("delay-ms", "100"))
    state = data.get("persistent-data") or {"done": 0}
    if state.get("vlans") != vlans:
        # The list changed: start over.
        state = {"done": 0, "vlans": vlans}

    start = state["done"]
    end = min(start + batch, len(vlans))
    actions = []
    for vlan in vlans[start:end]:
        actions.append({
            "set-cfg-path": {
                "path": "interface %s subinterface %s" % (interface, vlan),
                "json-value": {
                    "admin-state": "enable",
                    "vlan": {"encap": {"single-tagged": {"vlan-id": int(vlan)}}},
                },
            }
        })
    state["done"] = end
    if end < len(vlans):
        actions.append({"reinvoke-with-delay": delay})
    return json.dumps({"actions": actions, "persistent-data": state})
