'use client'

import { useState } from 'react'

// navigator.clipboard needs a secure context (https or localhost); elsewhere the text is selected
// so Ctrl/Cmd+C still works.
export function CopyButton({ text, label = 'Copy', targetId }: { text: string; label?: string; targetId?: string }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'select'>('idle')
  async function copy() {
    try {
      await navigator.clipboard.writeText(text)
      setCopied('copied')
    } catch {
      const el = targetId ? document.getElementById(targetId) : null
      if (el) {
        const range = document.createRange()
        range.selectNodeContents(el)
        window.getSelection()?.removeAllRanges()
        window.getSelection()?.addRange(range)
      }
      setCopied('select')
    }
    setTimeout(() => setCopied('idle'), 2000)
  }
  return (
    <button
      type="button"
      onClick={copy}
      className="rounded-tremor-small border border-tremor-border-default bg-white px-2 py-1 text-tremor-label font-medium text-tremor-content-emphasis shadow-tremor-input hover:bg-tremor-background-subtle"
    >
      <span aria-live="polite">{copied === 'copied' ? 'Copied' : copied === 'select' ? 'Selected — press Ctrl+C' : label}</span>
    </button>
  )
}
