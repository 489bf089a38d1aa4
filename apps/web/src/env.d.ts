// Build-time constants and asset imports handled by esbuild (scripts/build.mjs).
declare const __BUILD_TIME__: string;
declare module '*.css';
