import { prisma } from '@/lib/db'

export async function loadUserEmails(ids: readonly (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))]
  if (wanted.length === 0) return new Map()
  const users = await prisma.user.findMany({ where: { id: { in: wanted } }, select: { id: true, email: true } })
  return new Map(users.map((u) => [u.id, u.email]))
}
