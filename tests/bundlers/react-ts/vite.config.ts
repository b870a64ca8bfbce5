import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// create-vite's React + TypeScript template config: nothing RetainKit-specific.
export default defineConfig({ plugins: [react()] });
