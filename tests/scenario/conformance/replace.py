import json

# First run: reinvoke in 500 ms; second run: in 1000 ms; later runs: no reinvoke.
def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    runs = (data.get("persistent-data") or 0) + 1
    actions = []
    if runs == 1:
        actions.append({"reinvoke-with-delay": 500})
    elif runs == 2:
        actions.append({"reinvoke-with-delay": 1000})
    return json.dumps({"actions": actions, "persistent-data": runs})
