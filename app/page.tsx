import { redirect } from 'next/navigation'
import { getCurrentUser } from './(app)/require-user'

export default async function Home() {
  redirect((await getCurrentUser()) ? '/spend' : '/login')
}
