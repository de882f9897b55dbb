import type { CategorySpec } from './category-specs.js';

/** A product name in both languages. */
export interface NamePair {
  en: string;
  cn: string;
}

/** Base product names per category (real produce of a Chinese supermarket). */
export const BASE_NAMES: Readonly<Record<CategorySpec['key'], readonly NamePair[]>> = {
  leaf: [
    { en: 'Spinach', cn: '菠菜' },
    { en: 'Lettuce', cn: '生菜' },
    { en: 'Yunnan Lettuce', cn: '云南生菜' },
    { en: 'Yunnan Romaine', cn: '云南油麦菜' },
    { en: 'Romaine Lettuce', cn: '油麦菜' },
    { en: 'Amaranth', cn: '苋菜' },
    { en: 'Red Amaranth', cn: '红苋菜' },
    { en: 'Chinese Cabbage', cn: '大白菜' },
    { en: 'Baby Bok Choy', cn: '小白菜' },
    { en: 'Shanghai Qing', cn: '上海青' },
    { en: 'Water Spinach', cn: '空心菜' },
    { en: 'Celery', cn: '芹菜' },
    { en: 'Garlic Sprouts', cn: '蒜苗' },
    { en: 'Chinese Chives', cn: '韭菜' },
    { en: 'Coriander', cn: '香菜' },
    { en: 'Sweet Potato Leaves', cn: '红薯尖' },
    { en: 'Garland Chrysanthemum', cn: '茼蒿' },
    { en: 'Pea Shoots', cn: '豌豆尖' },
    { en: 'Malabar Spinach', cn: '木耳菜' },
    { en: 'Choy Sum', cn: '菜心' },
    { en: 'Kale', cn: '羽衣甘蓝' },
    { en: 'Mustard Greens', cn: '芥菜' },
    { en: 'Purple Cabbage', cn: '紫甘蓝' },
    { en: 'Round Cabbage', cn: '圆白菜' },
    { en: 'Chinese Kale', cn: '芥蓝' },
    { en: "Shepherd's Purse", cn: '荠菜' },
    { en: 'Dandelion', cn: '蒲公英' },
    { en: 'Fennel', cn: '茴香' },
    { en: 'Milk Cabbage', cn: '奶白菜' },
    { en: 'Houttuynia', cn: '鱼腥草' },
    { en: 'Chinese Toon', cn: '香椿' },
    { en: 'Wild Rocket', cn: '芝麻菜' },
    { en: 'Celtuce', cn: '莴笋' },
    { en: 'Ice Plant', cn: '冰草' },
  ],
  mushroom: [
    { en: 'Enoki Mushroom', cn: '金针菇' },
    { en: 'Shiitake', cn: '香菇' },
    { en: 'Oyster Mushroom', cn: '平菇' },
    { en: 'King Oyster Mushroom', cn: '杏鲍菇' },
    { en: 'White Beech Mushroom', cn: '白玉菇' },
    { en: 'Seafood Mushroom', cn: '海鲜菇' },
    { en: 'Black Fungus', cn: '黑木耳' },
    { en: 'Tremella', cn: '银耳' },
    { en: 'Crab Mushroom', cn: '蟹味菇' },
    { en: 'Tea Tree Mushroom', cn: '茶树菇' },
    { en: 'Button Mushroom', cn: '双孢菇' },
    { en: 'Shaggy Mane', cn: '鸡腿菇' },
    { en: 'Xixia Flower Mushroom', cn: '西峡花菇' },
    { en: 'Morel', cn: '羊肚菌' },
    { en: 'Bamboo Fungus', cn: '竹荪' },
    { en: 'Porcini', cn: '牛肝菌' },
    { en: "Lion's Mane", cn: '猴头菇' },
    { en: 'Straw Mushroom', cn: '草菇' },
    { en: 'Golden Oyster Mushroom', cn: '榆黄菇' },
    { en: 'Maitake', cn: '灰树花' },
    { en: 'Velvet Pioppino', cn: '鹿茸菇' },
    { en: 'Fresh Wood Ear', cn: '鲜木耳' },
  ],
  capsicum: [
    { en: 'Wuhu Green Pepper', cn: '芜湖青椒' },
    { en: 'Red Pepper', cn: '红椒' },
    { en: 'Green Pepper', cn: '青椒' },
    { en: 'Screw Pepper', cn: '螺丝椒' },
    { en: 'Millet Pepper', cn: '小米椒' },
    { en: 'Bell Pepper', cn: '菜椒' },
    { en: 'Green Line Pepper', cn: '青线椒' },
    { en: 'Red Line Pepper', cn: '红线椒' },
    { en: 'Bubble Pepper', cn: '泡泡椒' },
    { en: 'Hangzhou Pepper', cn: '杭椒' },
    { en: 'Colored Pepper', cn: '彩椒' },
    { en: 'Sharp Pepper', cn: '尖椒' },
    { en: 'Ginger', cn: '生姜' },
    { en: 'Garlic', cn: '大蒜' },
    { en: 'Purple Garlic', cn: '紫皮大蒜' },
    { en: 'Green Onion', cn: '小葱' },
  ],
  aquatic: [
    { en: 'Lotus Root', cn: '净藕' },
    { en: 'Red Lotus Root', cn: '红莲藕' },
    { en: 'Lotus Shoots', cn: '藕带' },
    { en: 'Water Chestnut', cn: '荸荠' },
    { en: 'Water Bamboo', cn: '茭白' },
    { en: 'Arrowhead', cn: '慈姑' },
    { en: 'Water Caltrop', cn: '菱角' },
    { en: 'Lotus Seed Pod', cn: '莲蓬' },
    { en: 'Powdery Lotus Root', cn: '野生粉藕' },
  ],
  solanum: [
    { en: 'Purple Eggplant', cn: '紫茄子' },
    { en: 'Green Eggplant', cn: '青茄子' },
    { en: 'Round Eggplant', cn: '圆茄子' },
    { en: 'Long Eggplant', cn: '长线茄' },
    { en: 'Tomato', cn: '西红柿' },
  ],
  cabbage: [
    { en: 'Broccoli', cn: '西兰花' },
    { en: 'Cauliflower', cn: '花菜' },
    { en: 'Loose Cauliflower', cn: '枝江青梗散花' },
    { en: 'Romanesco', cn: '宝塔菜' },
  ],
};

/** Variants of a base name; packaged variants are sold by the piece (quantity in units). */
export interface NameVariant {
  en: (base: string) => string;
  cn: (base: string) => string;
  packaged: boolean;
}

export const NAME_VARIANTS: readonly NameVariant[] = [
  { en: (b) => b, cn: (b) => b, packaged: false },
  { en: (b) => `${b} (Portion)`, cn: (b) => `${b}(份)`, packaged: false },
  { en: (b) => `${b} (Bag)`, cn: (b) => `${b}(袋)`, packaged: true },
  { en: (b) => `${b} (1)`, cn: (b) => `${b}(1)`, packaged: false },
  { en: (b) => `${b} (2)`, cn: (b) => `${b}(2)`, packaged: false },
  { en: (b) => `${b} (Box)`, cn: (b) => `${b}(盒)`, packaged: true },
  { en: (b) => `${b} (Bunch)`, cn: (b) => `${b}(把)`, packaged: false },
  { en: (b) => `Local ${b}`, cn: (b) => `本地${b}`, packaged: false },
];

/**
 * The j-th distinct name of a category (base names first, then their variants, then numbered);
 * `order` is a permutation of the category's base names.
 */
export function nthName(
  key: CategorySpec['key'],
  order: readonly number[],
  j: number,
): NamePair & { base: string; packaged: boolean } {
  const bases = BASE_NAMES[key];
  const base = bases[order[j % bases.length]];
  const round = Math.floor(j / bases.length);
  if (round < NAME_VARIANTS.length) {
    const v = NAME_VARIANTS[round];
    return { en: v.en(base.en), cn: v.cn(base.cn), base: base.en, packaged: v.packaged };
  }
  const k = round - NAME_VARIANTS.length + 3;
  return { en: `${base.en} (${k})`, cn: `${base.cn}(${k})`, base: base.en, packaged: false };
}
