import json

# Returns a reinvoke of 1000 ms on its first run only.
def event_handler_main(in_json_str):
    data = json.loads(in_json_str)
    runs = (data.get("persistent-data") or 0) + 1
    actions = [{"reinvoke-with-delay": 1000}] if runs == 1 else []
    return json.dumps({"actions": actions, "persistent-data": runs})
