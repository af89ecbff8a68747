import { describe, expect, it } from 'vitest'
import { stripNetworkFonts } from './strip-network-fonts'

describe('stripNetworkFonts', () => {
  it('drops the Google Fonts stylesheet and keeps the board’s own', () => {
    const html = `<head>
    <link href="https://fonts.googleapis.com/css2?family=IBM+Plex+Sans:wght@400;500;600&display=swap" rel="stylesheet">
<link href="static/css/main.css" rel="stylesheet"></head>`
    expect(stripNetworkFonts(html)).toBe(`<head>
    <link href="static/css/main.css" rel="stylesheet"></head>`)
  })
})
