import math, torch, torch.nn as nn, torch.nn.functional as F
class Cfg:
    def __init__(self, **k): self.__dict__.update(k)
def rope_tables(T, hd, base=10000.0):
    inv = 1.0 / base ** (torch.arange(0, hd, 2).float() / hd)
    ang = torch.outer(torch.arange(T).float(), inv)
    return ang.cos(), ang.sin()
def apply_rope(x, cos, sin):  # x (B,H,T,hd) rotate-half
    h = x.shape[-1] // 2; x1, x2 = x[..., :h], x[..., h:]
    c, s = cos[:x.shape[2]], sin[:x.shape[2]]
    return torch.cat([x1 * c - x2 * s, x1 * s + x2 * c], -1)
class Block(nn.Module):
    def __init__(s, c):
        super().__init__(); C=c.C; s.H=c.H; s.c=c
        s.n1=nn.LayerNorm(C, bias=False); s.qkv=nn.Linear(C,3*C,bias=False); s.proj=nn.Linear(C,C,bias=False)
        s.n2=nn.LayerNorm(C, bias=False); s.fc=nn.Linear(C,c.mlp*C,bias=False); s.out=nn.Linear(c.mlp*C,C,bias=False)
        if c.zero: nn.init.zeros_(s.proj.weight); nn.init.zeros_(s.out.weight)
    def forward(s, x, cos, sin):
        B,T,C=x.shape; q,k,v=s.qkv(s.n1(x)).split(C,2)
        q,k,v=[t.view(B,T,s.H,C//s.H).transpose(1,2) for t in (q,k,v)]
        if s.c.qknorm: q=F.rms_norm(q,(q.size(-1),)); k=F.rms_norm(k,(k.size(-1),))
        if s.c.rope: q=apply_rope(q,cos,sin); k=apply_rope(k,cos,sin)
        y=F.scaled_dot_product_attention(q,k,v,is_causal=True,dropout_p=s.c.drop if s.training else 0)
        x=x+F.dropout(s.proj(y.transpose(1,2).reshape(B,T,C)),s.c.drop,s.training)
        h=s.fc(s.n2(x)); h=F.relu(h).square() if s.c.act=='relu2' else F.gelu(h,approximate='tanh')
        return x+F.dropout(s.out(h),s.c.drop,s.training)
class ModernGPT(nn.Module):
    def __init__(s, c):
        super().__init__(); s.c=c
        s.wte=nn.Embedding(c.V,c.C); s.wpe=None if c.rope else nn.Embedding(c.T,c.C)
        s.blocks=nn.ModuleList(Block(c) for _ in range(c.L)); s.nf=nn.LayerNorm(c.C,bias=False)
        s.head=nn.Linear(c.C,c.V,bias=False)
        s.apply(s._init)
        if c.tie: s.head.weight=s.wte.weight
        elif c.zero: nn.init.zeros_(s.head.weight)
        for n,p in s.named_parameters():
            if (n.endswith('proj.weight') or n.endswith('out.weight')) and not c.zero: nn.init.normal_(p,0,0.02/math.sqrt(2*c.L))
        cos,sin=rope_tables(c.T,c.C//c.H); s.register_buffer('cos',cos,persistent=False); s.register_buffer('sin',sin,persistent=False)
    def _init(s,m):
        if isinstance(m,nn.Linear): nn.init.normal_(m.weight,0,0.02)
        if isinstance(m,nn.Embedding): nn.init.normal_(m.weight,0,0.02)
    def forward(s, idx, y=None):
        B,T=idx.shape; x=s.wte(idx)
        if s.wpe is not None: x=x+s.wpe(torch.arange(T))
        x=F.dropout(x,s.c.drop,s.training)
        for b in s.blocks: x=b(x,s.cos,s.sin)
        lg=s.head(s.nf(x))
        if s.c.cap: lg=s.c.cap*torch.tanh(lg/s.c.cap)
        return lg, (None if y is None else F.cross_entropy(lg.reshape(-1,lg.size(-1)),y.reshape(-1)))
def newton_schulz(G, steps=5):
    a,b,c=3.4445,-4.7750,2.0315
    X=G/(G.norm()+1e-7); tr=X.size(0)>X.size(1)
    if tr: X=X.T
    for _ in range(steps):
        A=X@X.T; X=a*X+(b*A+c*A@A)@X
    return X.T if tr else X
class Muon(torch.optim.Optimizer):
    def __init__(s, params, lr=0.02, momentum=0.95, wd=0.0):
        super().__init__(params, dict(lr=lr, momentum=momentum, wd=wd))
    @torch.no_grad()
    def step(s):
        for g in s.param_groups:
            for p in g['params']:
                if p.grad is None: continue
                st=s.state[p]
                if 'buf' not in st: st['buf']=torch.zeros_like(p)
                buf=st['buf']; buf.mul_(g['momentum']).add_(p.grad)
                u=newton_schulz(p.grad.add(buf,alpha=g['momentum']))
                if g['wd']: p.mul_(1-g['lr']*g['wd'])
                p.add_(u, alpha=-g['lr']*max(1,p.size(0)/p.size(1))**0.5)
