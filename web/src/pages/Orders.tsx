import { useEffect, useState } from "react";
import { api, type Page } from "../api/client";
import { Loading } from "../components/bits";
import { useFrames } from "../useRealtime";
import { OrderTable, type OrderSummary } from "./seller";

export default function Orders() {
  const [orders, setOrders] = useState<OrderSummary[] | null>(null);
  const load = () => api<Page<OrderSummary>>("orders?role=buyer&page_size=50").then((page) => setOrders(page.results), () => setOrders([]));
  useEffect(() => {
    load();
  }, []);
  useFrames(["order.updated"], () => load());
  return (
    <div>
      <h1>Your orders</h1>
      {orders === null ? <Loading /> : <OrderTable orders={orders} role="buyer" />}
    </div>
  );
}
