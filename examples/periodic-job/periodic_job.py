# Runs every "interval-ms" milliseconds with no paths: eventmgr executes an instance without
# paths once at start and afterwards only when a reinvoke timer expires.
#
# Options: interval-ms   value: the period (default "60000")
#
# persistent-data: {"runs": n} counts the runs across restarts.
import json


def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    interval = int(data.get("options", {}).get("interval-ms", "60000"))
    state = data.get("persistent-data") or {"runs": 0}
    state["runs"] += 1
    print("periodic run %d" % state["runs"])
    return json.dumps({
        "actions": [{"reinvoke-with-delay": interval}],
        "persistent-data": state,
    })
