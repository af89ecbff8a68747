import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'

// Starts the real worker entry point (npm run worker) as a child process and waits for "worker ready".
export async function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/index.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start: ${output}`)), 45_000)
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString()
      if (output.includes('worker ready')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`worker exited with ${code}: ${output}`))
    })
  })
  child.removeAllListeners('exit')
  return child
}

export async function stopWorkerProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null)))
    child.kill(signal)
  })
}

export function uniqueQueuePrefix(): string {
  return `test-${randomBytes(4).toString('hex')}`
}
