/**
 * Remix v2 with the classic (esbuild) compiler. The server build is loaded by
 * our own Node server (server/app.server.ts), which also hosts the sync
 * WebSocket endpoint on the same port. See docs/decisions/001-*.md.
 * @type {import('@remix-run/dev').AppConfig}
 */
export default {
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}'],
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  serverBuildPath: 'build/index.js',
  assetsBuildDirectory: 'public/build',
  publicPath: '/build/',
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
  },
};
