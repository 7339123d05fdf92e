// Test helper: a live single-node SLURM cluster (Debian's slurm-wlm and munge), started as root
// in a temporary folder and stopped by PID. `startCluster` returns null with the reason where the
// daemons cannot start (not installed, not root).
import { join } from "node:path";

/** A started cluster: its environment (SLURM_CONF) and how to stop it. */
export interface Cluster {
  readonly env: Record<string, string>;
  readonly partition: string;
  readonly dir: string;
  stop(): Promise<void>;
}

async function run(command: string, args: string[], env: Record<string, string> = {}) {
  const output = await new Deno.Command(command, {
    args,
    env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    ok: output.success,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

async function readPid(path: string): Promise<number | null> {
  try {
    const pid = Number((await Deno.readTextFile(path)).trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

async function waitFor(check: () => Promise<boolean>, seconds: number): Promise<boolean> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

/** Starts munged (if not running), slurmctld and slurmd; or returns why it cannot. */
export async function startCluster(): Promise<Cluster | string> {
  if (Deno.build.os !== "linux") return "not Linux";
  if (Deno.uid() !== 0) return "not root (the daemons need root)";
  for (const binary of ["/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/sbin/munged"]) {
    if (!(await exists(binary))) {
      return `${binary} is not installed (apt-get install slurm-wlm munge)`;
    }
  }
  const dir = await Deno.makeTempDir({ prefix: "topolearn-slurm-" });
  await Deno.chmod(dir, 0o755);
  const pids: number[] = [];
  const stop = async () => {
    for (const pid of pids.reverse()) {
      try {
        Deno.kill(pid, "SIGTERM");
      } catch { /* gone */ }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  };
  try {
    // munge: its own socket folder and key; started only when no munged answers.
    if (!(await run("munge", ["-n"])).ok) {
      await Deno.mkdir("/run/munge", { recursive: true });
      await run("chown", ["munge:munge", "/run/munge"]);
      await Deno.mkdir("/etc/munge", { recursive: true });
      if (!(await exists("/etc/munge/munge.key"))) {
        const made = (await exists("/usr/sbin/mungekey"))
          ? await run("/usr/sbin/mungekey", ["--create"])
          : await run("create-munge-key", ["-f"]);
        if (!made.ok) return `cannot create a munge key: ${made.stderr.trim()}`;
      }
      await run("chown", ["munge:munge", "/etc/munge/munge.key"]);
      await run("chmod", ["400", "/etc/munge/munge.key"]);
      await Deno.mkdir("/var/lib/munge", { recursive: true }).catch(() => {});
      await Deno.mkdir("/var/log/munge", { recursive: true }).catch(() => {});
      await run("chown", ["-R", "munge:munge", "/var/lib/munge", "/var/log/munge"]);
      const started = await run("runuser", ["-u", "munge", "--", "/usr/sbin/munged"]);
      if (!started.ok) return `munged did not start: ${started.stderr.trim()}`;
      const pid = await readPid("/run/munge/munged.pid");
      if (pid) pids.push(pid);
      if (!(await waitFor(async () => (await run("munge", ["-n"])).ok, 10))) {
        await stop();
        return "munged does not answer";
      }
    }
    const host = (await run("hostname", ["-s"])).stdout.trim();
    const cores = navigator.hardwareConcurrency || 1;
    const conf = join(dir, "slurm.conf");
    for (const sub of ["state", "spool", "log"]) await Deno.mkdir(join(dir, sub));
    await Deno.writeTextFile(
      conf,
      [
        "ClusterName=topolearn",
        `SlurmctldHost=${host}`,
        "SlurmUser=root",
        "SlurmdUser=root",
        "AuthType=auth/munge",
        "ProctrackType=proctrack/linuxproc",
        "TaskPlugin=task/none",
        "SelectType=select/cons_tres",
        "SelectTypeParameters=CR_Core",
        "SchedulerType=sched/backfill",
        "ReturnToService=2",
        "MpiDefault=none",
        "SwitchType=switch/none",
        "JobAcctGatherType=jobacct_gather/none",
        "AccountingStorageType=accounting_storage/none",
        "JobCompType=jobcomp/none",
        "MinJobAge=600",
        "SlurmctldPort=16817",
        "SlurmdPort=16818",
        `StateSaveLocation=${join(dir, "state")}`,
        `SlurmdSpoolDir=${join(dir, "spool")}`,
        `SlurmctldPidFile=${join(dir, "slurmctld.pid")}`,
        `SlurmdPidFile=${join(dir, "slurmd.pid")}`,
        `SlurmctldLogFile=${join(dir, "log", "slurmctld.log")}`,
        `SlurmdLogFile=${join(dir, "log", "slurmd.log")}`,
        `NodeName=${host} CPUs=${cores} RealMemory=1024 State=UNKNOWN`,
        `PartitionName=debug Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
        "",
      ].join("\n"),
    );
    const env = { SLURM_CONF: conf };
    const controller = await run("/usr/sbin/slurmctld", ["-f", conf], env);
    if (!controller.ok) {
      await stop();
      return `slurmctld did not start: ${controller.stderr.trim()}`;
    }
    const ctldPid = await waitFor(async () =>
        (await readPid(join(dir, "slurmctld.pid"))) !== null, 10)
      ? await readPid(join(dir, "slurmctld.pid"))
      : null;
    if (ctldPid) pids.push(ctldPid);
    const node = await run("/usr/sbin/slurmd", ["-f", conf], env);
    if (!node.ok) {
      await stop();
      return `slurmd did not start: ${node.stderr.trim()}`;
    }
    const dPid = await waitFor(async () => (await readPid(join(dir, "slurmd.pid"))) !== null, 10)
      ? await readPid(join(dir, "slurmd.pid"))
      : null;
    if (dPid) pids.push(dPid);
    const idle = await waitFor(async () => {
      const info = await run("sinfo", ["-h", "-o", "%t"], env);
      return info.ok && /idle|mix|alloc/.test(info.stdout);
    }, 45);
    if (!idle) {
      const log = await Deno.readTextFile(join(dir, "log", "slurmctld.log")).catch(() => "");
      await stop();
      return `the node did not come up: ${log.split("\n").slice(-5).join(" | ")}`;
    }
    return { env, partition: "debug", dir, stop };
  } catch (error) {
    await stop();
    return `cannot start the cluster: ${(error as Error).message}`;
  }
}
