"""The shop's cloud environment (pretend): orders saved by the phone, a cloud function for stats."""
from mini_sdk.servers import CloudEnv

cloud = CloudEnv("bubble-tea-1a2b", collections={"orders": "PRIVATE"})


@cloud.function
def shop_stats(event, context):
    orders = context.database().collection("orders").get().data
    return {"orders": len(orders), "cups": sum(o["cups"] for o in orders)}
