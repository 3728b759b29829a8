// Builds to dist/ (index.html + assets/). Both example backends serve dist/index.html at "/" and dist/assets/ at
// "/assets/", so the page and the API share one origin: no CORS, and Django's CSRF cookie is readable.
//
// `npm run dev` serves the page with hot reload and forwards /api to a running backend (BACKEND_URL, default
// http://127.0.0.1:8000), so the same relative URLs work in development.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const backend = process.env.BACKEND_URL ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  base: "/",
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false },
  server: { proxy: { "/api": { target: backend, changeOrigin: false } } },
});
