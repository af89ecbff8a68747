import bcrypt from 'bcryptjs'

// Cost 10 keeps a sign-in near 50-100 ms on a server core; raise it as hardware gets faster.
const cost = 10

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, cost)
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash)
}
