import math, torch, torch.nn as nn, torch.nn.functional as F
from llm_scratch.layers import apply_rotary, rope_angles   # the library's rotary embedding (rotate-half layout)
class Cfg:
    def __init__(self, **k): self.__dict__.update(k)
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
        if s.c.rope: q=apply_rotary(q,cos[:T],sin[:T]); k=apply_rotary(k,cos[:T],sin[:T])
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
        cos,sin=rope_angles(torch.arange(c.T),c.C//c.H); s.register_buffer('cos',cos,persistent=False); s.register_buffer('sin',sin,persistent=False)
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
