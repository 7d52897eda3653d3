// Interface strings of deploying (issue 11): no relay answering, a share link made where none answers,
// and a joiner waiting with nobody online. `deployEn` is typed against `deployZh`.

export const deployZh = {
  // The sync status when the browser is online but no relay answers; the URL follows.
  'deploy.noRelay': '无法连接中继',
  'deploy.noRelayHint': '网络正常，但 {urls} 没有中继应答，同伴找不到你。修改都保存在本机。点此打开连接设置。',
  'deploy.checking': '正在连接中继…',
  'deploy.checkingHint': '正在尝试 {urls}',
  'deploy.openSettings': '连接设置',
  // The share section of the collaboration panel.
  'deploy.shareNoRelay':
    '{url} 没有中继应答：收到这个链接的人在中继恢复之前连不上你。请检查连接设置，或者改为发送审校包。',
  'deploy.shareChecking': '正在检查 {url} 的中继是否应答…',
  // Waiting for an issue joined by link.
  'deploy.wait.known': '目前的情况',
  'deploy.wait.relayUp': '中继 {url}：已连接',
  'deploy.wait.relayTrying': '中继 {url}：正在连接…',
  'deploy.wait.relayDown': '中继 {url}：没有应答',
  'deploy.wait.noNetwork': '本机没有网络',
  'deploy.wait.peers': '找到的同伴：{n} 位',
  'deploy.wait.office.connecting': '办公室节点 {url}：正在连接…',
  'deploy.wait.office.connected': '办公室节点 {url}：已连接',
  'deploy.wait.office.refused': '办公室节点 {url}：拒绝了这个链接的密钥',
  'deploy.wait.office.unreachable': '办公室节点 {url}：没有应答',
  'deploy.wait.instead': '没有人在线时，也可以：',
  'deploy.wait.openFile': '自己打开这一期的文件…',
  'deploy.wait.openFileHint': '仍在同一个房间里：同伴上线后，批注照样同步。',
  'deploy.wait.importPackage': '导入审校包…',
  'deploy.wait.importPackageHint': '请分享者导出审校包（.proofroom），用邮件发给你。',
  'deploy.wait.settings': '检查连接设置',
};

export const deployEn: Record<keyof typeof deployZh, string> = {
  'deploy.noRelay': 'No relay reachable at',
  'deploy.noRelayHint':
    'The network is up, but no relay answers at {urls}, so peers cannot find you. Changes are saved on this device. Click to open the connection settings.',
  'deploy.checking': 'Reaching the relay…',
  'deploy.checkingHint': 'Trying {urls}',
  'deploy.openSettings': 'Connection settings',
  'deploy.shareNoRelay':
    'No relay answers at {url}: people who open this link will not reach you until one does. Check the connection settings, or send a review package instead.',
  'deploy.shareChecking': 'Checking whether the relay at {url} answers…',
  'deploy.wait.known': 'What is known',
  'deploy.wait.relayUp': 'Relay {url}: connected',
  'deploy.wait.relayTrying': 'Relay {url}: connecting…',
  'deploy.wait.relayDown': 'Relay {url}: no answer',
  'deploy.wait.noNetwork': 'This device has no network',
  'deploy.wait.peers': 'Peers found: {n}',
  'deploy.wait.office.connecting': 'Office peer {url}: connecting…',
  'deploy.wait.office.connected': 'Office peer {url}: connected',
  'deploy.wait.office.refused': 'Office peer {url}: refused this link’s key',
  'deploy.wait.office.unreachable': 'Office peer {url}: no answer',
  'deploy.wait.instead': 'While nobody is online, you can also:',
  'deploy.wait.openFile': 'Open the issue file yourself…',
  'deploy.wait.openFileHint': 'The review keeps its room: notes still sync when peers come online.',
  'deploy.wait.importPackage': 'Import a review package…',
  'deploy.wait.importPackageHint': 'Ask the person who shared it to export a review package (.proofroom) and email it to you.',
  'deploy.wait.settings': 'Check the connection settings',
};
