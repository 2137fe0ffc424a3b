/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// `npm run dev` serves on FRONTEND_URL's default port (3000) and sends the API and the
// websocket to a fleet started with `make up`; the gateway allows that origin.
const gateway = process.env.GATEWAY_URL ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  server: {
    port: 3000,
    proxy: {
      "/api": { target: gateway },
      "/ws": { target: gateway.replace(/^http/, "ws"), ws: true },
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
