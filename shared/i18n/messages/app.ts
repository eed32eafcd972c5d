// Window titles and labels shared by every screen.

export const appEn = {
  'app.title': 'DealPOS Label Desk',
  'app.demo_badge': 'Demo: practice data, not your store',
} as const;

export const appId: Record<keyof typeof appEn, string> = {
  'app.title': 'DealPOS Label Desk',
  'app.demo_badge': 'Demo: data latihan, bukan data toko Anda',
};
