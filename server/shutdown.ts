/** Graceful shutdown on SIGTERM/SIGINT: close the server (and the database with it), then exit. */
export function installShutdown(close: () => Promise<void>): void {
  const stop = (signal: string) => {
    console.log(`${signal} ontvangen: Veiligplan stopt.`);
    close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
