import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Where `pnpm dev` runs the API server (its default PORT).
const API_SERVER = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/trpc': API_SERVER,
      '/api': API_SERVER,
      '/health': API_SERVER,
    },
  },
});
