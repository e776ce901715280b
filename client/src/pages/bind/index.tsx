import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { INVITE_CODE_ALPHABET } from '@contract/index';
import { Button } from '@/components/Button';
import { callFunction, messageOf } from '@/services/cloud';
import { withSystemFont } from '@/components/SystemFont';
import './index.scss';

const INVITE_CODE_LENGTH = 8;

/** 输入整理：去空白（含粘贴来的“K7M2 Q9XP”中间的空格）、转大写、截到 8 位 */
function normaliseInviteCode(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase().slice(0, INVITE_CODE_LENGTH);
}

/** 不在邀请码字母表里的字符（0/O、1/I/L 等易混字符不会出现在码里） */
function invalidCharsOf(code: string): string[] {
  return [...new Set([...code].filter((c) => !INVITE_CODE_ALPHABET.includes(c)))];
}

/** 绑定身份：凭管理员发的 8 位邀请码把当前微信绑定到人员；可由转发的链接 ?code= 直接带入 */
function BindPage() {
  const { params } = useRouter();
  const [code, setCode] = useState(() => normaliseInviteCode(params.code ?? ''));
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [boundName, setBoundName] = useState<string | null>(null);

  const invalid = invalidCharsOf(code);
  const ready = code.length === INVITE_CODE_LENGTH && invalid.length === 0;

  const submit = async () => {
    if (!ready || submitting) return;
    setSubmitting(true);
    setError(null);
    try {
      const res = await callFunction('invites', 'redeem', { code });
      setBoundName(res.name);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setSubmitting(false);
    }
  };

  if (boundName) {
    return (
      <View className='bind-page bind-page--done' data-testid='bind-success'>
        <View className='bind-page__check'>
          <Text>✓</Text>
        </View>
        <Text className='bind-page__title'>绑定成功</Text>
        <Text className='bind-page__lead'>
          当前微信已绑定为 <Text className='bind-page__name'>{boundName}</Text>
        </Text>
        <Text className='bind-page__note'>之后在本小程序中提交材料、审核推荐，都将以此身份进行。</Text>
        <Button className='bind-page__submit' onClick={() => Taro.switchTab({ url: '/pages/me/index' })}>
          返回我的
        </Button>
      </View>
    );
  }

  return (
    <View className='bind-page'>
      <Text className='bind-page__title'>绑定身份</Text>
      <Text className='bind-page__lead'>请输入本单位管理员发给你的 8 位邀请码。邀请码只能使用一次，过期需重新领取。</Text>
      <View className='bind-page__card'>
        <Input
          className='bind-page__input'
          value={code}
          placeholder='例如 K7M2Q9XP'
          maxlength={16}
          data-testid='bind-code-input'
          onInput={(e) => {
            setCode(normaliseInviteCode(e.detail.value));
            setError(null);
          }}
        />
        <View className='bind-page__meta'>
          <Text className='bind-page__tip'>不区分大小写，空格会自动去掉</Text>
          <Text className='bind-page__counter' data-testid='bind-code-counter'>
            {code.length}/{INVITE_CODE_LENGTH}
          </Text>
        </View>
      </View>
      {invalid.length ? (
        <Text className='bind-page__error' data-testid='bind-error'>
          邀请码不含“{invalid.join('、')}”，请核对（码中没有 0、O、1、I、L 这些易混字符）
        </Text>
      ) : error ? (
        <Text className='bind-page__error' data-testid='bind-error'>
          {error}
        </Text>
      ) : null}
      <Button
        className={`bind-page__submit${ready && !submitting ? '' : ' bind-page__submit--disabled'}`}
        disabled={!ready || submitting}
        data-testid='bind-submit'
        onClick={submit}
      >
        {submitting ? '正在绑定…' : '确认绑定'}
      </Button>
      <Text className='bind-page__note'>一个微信只能绑定一人；如需换绑，请联系管理员先解绑。</Text>
    </View>
  );
}

export default withSystemFont(BindPage);
