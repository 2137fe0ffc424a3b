/// <reference types="vitest/config" />
import { defineConfig, type ProxyOptions } from "vite";
import react from "@vitejs/plugin-react";

// `npm run dev` serves the pages with hot reload on http://localhost:3000 and sends the API
// and the websocket to a fleet started with `make up`. The requests it forwards say they come
// from the gateway's own origin, which the gateway's CSRF and websocket origin checks accept.
const gateway = process.env.GATEWAY_URL ?? "http://127.0.0.1:8000";
const asGateway: Pick<ProxyOptions, "configure"> = {
  configure: (proxy) => {
    proxy.on("proxyReq", (request) => request.setHeader("origin", gateway));
    proxy.on("proxyReqWs", (request) => request.setHeader("origin", gateway));
  },
};

export default defineConfig({
  plugins: [react()],
  server: {
    port: 3000,
    proxy: {
      "/api": { target: gateway, ...asGateway },
      "/ws": { target: gateway.replace(/^http/, "ws"), ws: true, ...asGateway },
    },
  },
  build: { sourcemap: false, target: "es2022" },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
    setupFiles: ["src/test-setup.ts"],
    // jsdom starts slowly on a busy 2-core machine: the first test pays for it.
    testTimeout: 20_000,
  },
});
