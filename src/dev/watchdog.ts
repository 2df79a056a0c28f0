/**
 * Loaded into every service process `archkit dev` starts (`node --import`): when the `archkit`
 * process that started it is gone (killed with SIGKILL, say, so it could not stop its children),
 * the service stops itself gracefully instead of running on unowned. The check does not keep the
 * process alive.
 */
const parent = Number(process.env.ARCHKIT_DEV_PARENT);

if (Number.isInteger(parent) && parent > 0) {
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.stderr.write(`archkit (pid ${parent}) that started this service is gone; stopping\n`);
    process.kill(process.pid, "SIGTERM");
  }, 500);
  timer.unref();
}
