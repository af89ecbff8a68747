import { roleLabels, roles } from '@/lib/auth/permissions'
import type { Option } from '@/components/settings/create-user-form'

export const roleOptions: Option[] = roles.map((r) => ({ value: r, label: roleLabels[r] }))
