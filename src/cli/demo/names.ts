import type { Random } from './random.js';

/** Cities with their region (地区), province and landline area code. */
export const cities = [
  { city: '杭州', province: '浙江', region: '华东', area: '0571' },
  { city: '宁波', province: '浙江', region: '华东', area: '0574' },
  { city: '温州', province: '浙江', region: '华东', area: '0577' },
  { city: '绍兴', province: '浙江', region: '华东', area: '0575' },
  { city: '嘉兴', province: '浙江', region: '华东', area: '0573' },
  { city: '金华', province: '浙江', region: '华东', area: '0579' },
  { city: '台州', province: '浙江', region: '华东', area: '0576' },
  { city: '上海', province: '上海', region: '华东', area: '021' },
  { city: '苏州', province: '江苏', region: '华东', area: '0512' },
  { city: '无锡', province: '江苏', region: '华东', area: '0510' },
  { city: '南京', province: '江苏', region: '华东', area: '025' },
  { city: '合肥', province: '安徽', region: '华东', area: '0551' },
  { city: '福州', province: '福建', region: '华东', area: '0591' },
  { city: '厦门', province: '福建', region: '华东', area: '0592' },
  { city: '青岛', province: '山东', region: '华东', area: '0532' },
  { city: '广州', province: '广东', region: '华南', area: '020' },
  { city: '深圳', province: '广东', region: '华南', area: '0755' },
  { city: '东莞', province: '广东', region: '华南', area: '0769' },
  { city: '佛山', province: '广东', region: '华南', area: '0757' },
  { city: '北京', province: '北京', region: '华北', area: '010' },
  { city: '天津', province: '天津', region: '华北', area: '022' },
  { city: '石家庄', province: '河北', region: '华北', area: '0311' },
  { city: '武汉', province: '湖北', region: '华中', area: '027' },
  { city: '长沙', province: '湖南', region: '华中', area: '0731' },
  { city: '郑州', province: '河南', region: '华中', area: '0371' },
  { city: '成都', province: '四川', region: '西南', area: '028' },
  { city: '重庆', province: '重庆', region: '西南', area: '023' },
  { city: '西安', province: '陕西', region: '西北', area: '029' },
  { city: '沈阳', province: '辽宁', region: '东北', area: '024' },
] as const;
export type City = (typeof cities)[number];

const brands = ['华东', '恒达', '鑫源', '瑞丰', '宏图', '金鼎', '永盛', '正泰', '联创', '天成', '博远', '嘉禾', '顺发', '明珠', '万通', '新世纪', '东方', '远航', '盛世', '凯旋', '汇丰', '宝隆', '众诚', '信义', '康力', '华美', '润达', '安泰', '百川', '海纳'];
export const industries = ['纺织', '机械', '电子', '工艺品', '五金', '家居', '化工', '塑料', '包装', '建材', '灯饰', '陶瓷', '礼品', '服装', '玩具'];
const suffixes = ['有限公司', '股份有限公司', '贸易有限公司', '实业有限公司', '进出口有限公司', '制品厂', '商行'];

/** A company name no other customer of the set has (names are unique among live customers). */
export const companyName = (rng: Random, city: City, industry: string, taken: Set<string>): string => {
  for (;;) {
    const name = `${city.city}${rng.pick(brands)}${industry}${rng.pick(suffixes)}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
};

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const givenNames = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '建华', '志强', '海燕', '晓东', '丽华', '国平', '文博'];
export const personName = (rng: Random): string => `${rng.pick(surnames)}${rng.pick(givenNames)}`;

export const titles = ['采购部经理', '总经理', '财务主管', '采购专员', '副总经理', '供应链总监'];
const roads = ['人民路', '解放路', '建设路', '中山路', '延安路', '和平路', '工业大道', '科技园路', '滨江大道', '江南大道'];
const districts = ['高新区', '经济开发区', '城东新区', '滨海新区', '工业园区'];
export const address = (rng: Random, city: City): string => `${city.province === city.city ? '' : `${city.province}省`}${city.city}市${rng.pick(districts)}${rng.pick(roads)}${rng.int(1, 999)}号`;

export const mobile = (rng: Random): string => `1${rng.pick(['38', '39', '58', '59', '86', '88', '35', '37'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
export const landline = (rng: Random, city: City): string => `${city.area}-${rng.int(2, 8)}${String(rng.int(0, 9_999_999)).padStart(city.area.length === 3 ? 7 : 6, '0')}`;
