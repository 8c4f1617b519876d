/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR. Part of the synthetic population generator.
 *
 * Name pools for invented people. These are short hand-written lists of common US given and family names
 * (no dataset copied, no real person described); combining them at random is what makes every patient
 * fictional. Groups exist so a household's names, and sometimes its preferred language, hang together the
 * way they do in a real clinic panel (the interpreter and language branches of the protocols need that).
 */

export type NameGroup = 'general' | 'hispanic' | 'chinese' | 'vietnamese' | 'korean' | 'southAsian' | 'filipino' | 'arab';

export interface NamePool {
  readonly family: readonly string[];
  readonly female: readonly string[];
  readonly male: readonly string[];
}

export const NAME_POOLS: Readonly<Record<NameGroup, NamePool>> = {
  general: {
    family: [
      'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor',
      'Thomas', 'Moore', 'Jackson', 'Martin', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson',
      'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Hill', 'Green', 'Adams', 'Baker', 'Nelson',
      'Carter', 'Mitchell', 'Roberts', 'Turner', 'Phillips', 'Campbell', 'Parker', 'Evans', 'Edwards',
      'Collins', 'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers', 'Morgan', 'Cooper', 'Peterson', 'Reed',
      'Bailey', 'Bell', 'Kelly', 'Howard', 'Ward', 'Cox', 'Richardson', 'Wood', 'Watson', 'Brooks', 'Bennett',
      'Gray', 'James', 'Hughes', 'Price', 'Sanders', 'Myers', 'Long', 'Ross', 'Foster', "O'Brien", 'Sullivan',
      'Russo', 'Kowalski', 'Schmidt', 'Murray', 'Fischer', 'Greenberg', 'Cohen', 'Washington', 'Jefferson',
    ],
    female: [
      'Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Barbara', 'Susan', 'Jessica', 'Sarah', 'Karen',
      'Lisa', 'Nancy', 'Betty', 'Sandra', 'Ashley', 'Emily', 'Michelle', 'Amanda', 'Melissa', 'Deborah',
      'Stephanie', 'Rebecca', 'Laura', 'Sharon', 'Cynthia', 'Kathleen', 'Amy', 'Angela', 'Shirley', 'Emma',
      'Olivia', 'Ava', 'Sophia', 'Charlotte', 'Amelia', 'Harper', 'Evelyn', 'Abigail', 'Ella', 'Grace',
      'Chloe', 'Madison', 'Hannah', 'Nora', 'Zoe', 'Aaliyah', 'Jasmine', 'Keisha', 'Brianna', 'Dorothy',
    ],
    male: [
      'James', 'Robert', 'John', 'Michael', 'David', 'William', 'Richard', 'Joseph', 'Thomas', 'Charles',
      'Christopher', 'Daniel', 'Matthew', 'Anthony', 'Mark', 'Donald', 'Steven', 'Paul', 'Andrew', 'Joshua',
      'Kenneth', 'Kevin', 'Brian', 'George', 'Timothy', 'Ronald', 'Edward', 'Jason', 'Jeffrey', 'Ryan',
      'Liam', 'Noah', 'Oliver', 'Elijah', 'Lucas', 'Mason', 'Logan', 'Ethan', 'Aiden', 'Caleb', 'Henry',
      'Owen', 'Wyatt', 'Jackson', 'Isaiah', 'Jamal', 'Darnell', 'Marcus', 'Walter', 'Harold',
    ],
  },
  hispanic: {
    family: [
      'Garcia', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Perez', 'Sanchez', 'Ramirez',
      'Torres', 'Flores', 'Rivera', 'Gomez', 'Diaz', 'Reyes', 'Morales', 'Cruz', 'Ortiz', 'Gutierrez', 'Chavez',
      'Ramos', 'Ruiz', 'Alvarez', 'Mendoza', 'Castillo', 'Jimenez', 'Vasquez', 'Romero', 'Herrera', 'Medina',
      'Aguilar', 'Vargas', 'Castro', 'Guzman', 'Rojas', 'Soto', 'Delgado', 'Pena', 'Santiago', 'Colon',
    ],
    female: [
      'Maria', 'Guadalupe', 'Rosa', 'Ana', 'Carmen', 'Sofia', 'Isabella', 'Valentina', 'Camila', 'Lucia',
      'Gabriela', 'Daniela', 'Mariana', 'Alejandra', 'Veronica', 'Adriana', 'Yesenia', 'Leticia', 'Elena',
      'Ximena', 'Paola', 'Natalia', 'Esperanza', 'Marisol', 'Josefina',
    ],
    male: [
      'Jose', 'Juan', 'Luis', 'Carlos', 'Jesus', 'Miguel', 'Antonio', 'Francisco', 'Alejandro', 'Manuel',
      'Jorge', 'Pedro', 'Ricardo', 'Fernando', 'Mateo', 'Santiago', 'Diego', 'Sebastian', 'Emiliano',
      'Rafael', 'Eduardo', 'Javier', 'Hector', 'Raul', 'Andres',
    ],
  },
  chinese: {
    family: ['Chen', 'Wang', 'Li', 'Zhang', 'Liu', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Lin', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo', 'He', 'Lam', 'Wong', 'Chan', 'Leung'],
    female: ['Mei', 'Li Na', 'Xiu Ying', 'Yan', 'Jing', 'Hui', 'Ling', 'Fang', 'Xin', 'Ying', 'Amy', 'Grace', 'Emily', 'Chloe', 'Michelle'],
    male: ['Wei', 'Jun', 'Lei', 'Hao', 'Ming', 'Jian', 'Tao', 'Yong', 'Chen', 'Feng', 'Kevin', 'Eric', 'Jason', 'Andrew', 'Daniel'],
  },
  vietnamese: {
    family: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Phan', 'Vu', 'Vo', 'Dang', 'Bui', 'Do', 'Ho', 'Ngo', 'Duong', 'Ly'],
    female: ['Lan', 'Linh', 'Mai', 'Hoa', 'Thu', 'Huong', 'Ngoc', 'Trang', 'Anh', 'Thao', 'Vy', 'Kim', 'Tam'],
    male: ['Minh', 'Tuan', 'Hung', 'Duc', 'Long', 'Nam', 'Quang', 'Thanh', 'Khoa', 'Bao', 'Huy', 'Phuc', 'Son'],
  },
  korean: {
    family: ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon', 'Jang', 'Lim', 'Han', 'Shin'],
    female: ['Ji-woo', 'Min-ji', 'Seo-yeon', 'Soo-jin', 'Hye-jin', 'Eun-ji', 'Ha-eun', 'Grace', 'Christine', 'Esther'],
    male: ['Min-jun', 'Ji-hoon', 'Hyun-woo', 'Seung-ho', 'Dong-hyun', 'Joon', 'Daniel', 'David', 'Paul', 'Samuel'],
  },
  southAsian: {
    family: ['Patel', 'Shah', 'Singh', 'Kumar', 'Sharma', 'Gupta', 'Desai', 'Mehta', 'Reddy', 'Rao', 'Iyer', 'Khan', 'Chowdhury', 'Rahman', 'Joshi'],
    female: ['Priya', 'Anjali', 'Neha', 'Pooja', 'Divya', 'Aisha', 'Kavya', 'Ananya', 'Sunita', 'Meera', 'Riya', 'Fatima'],
    male: ['Raj', 'Amit', 'Rahul', 'Vikram', 'Arjun', 'Sanjay', 'Ravi', 'Arav', 'Rohan', 'Imran', 'Vivek', 'Karan'],
  },
  filipino: {
    family: ['Santos', 'Reyes', 'Cruz', 'Bautista', 'Ocampo', 'Garcia', 'Mendoza', 'Dela Cruz', 'Aquino', 'Villanueva', 'Ramos', 'Castillo', 'Navarro'],
    female: ['Maria', 'Rosalie', 'Jocelyn', 'Marites', 'Angelica', 'Kristine', 'Jasmine', 'Princess', 'Joy', 'Cherry'],
    male: ['Jose', 'Mark', 'John Paul', 'Rodel', 'Jomar', 'Christian', 'Angelo', 'Renato', 'Ramon', 'Miguel'],
  },
  arab: {
    family: ['Haddad', 'Khalil', 'Nasser', 'Saleh', 'Hassan', 'Ibrahim', 'Mansour', 'Aziz', 'Farah', 'Youssef'],
    female: ['Layla', 'Noor', 'Yasmin', 'Mariam', 'Rania', 'Huda', 'Salma', 'Amira', 'Dina', 'Lina'],
    male: ['Omar', 'Ahmed', 'Ali', 'Karim', 'Sami', 'Yusuf', 'Tariq', 'Khalid', 'Nabil', 'Hassan'],
  },
};

export interface Language {
  /** BCP-47 tag, as FHIR Patient.communication.language expects (system urn:ietf:bcp:47). */
  readonly code: 'en' | 'es' | 'zh' | 'vi';
  readonly display: string;
}

export const LANGUAGES: Readonly<Record<Language['code'], Language>> = {
  en: { code: 'en', display: 'English' },
  es: { code: 'es', display: 'Spanish' },
  zh: { code: 'zh', display: 'Chinese' },
  vi: { code: 'vi', display: 'Vietnamese' },
};

/** Chance that a household of this group prefers a language other than English (the rest prefer English). */
export const NON_ENGLISH_PREFERENCE: Readonly<Partial<Record<NameGroup, { language: Language['code']; probability: number }>>> = {
  hispanic: { language: 'es', probability: 0.45 },
  chinese: { language: 'zh', probability: 0.5 },
  vietnamese: { language: 'vi', probability: 0.55 },
};

/** Street names for invented addresses: generic names found in most US cities, never a specific real address. */
export const STREET_NAMES: readonly string[] = [
  'Maple Ave', 'Oak St', 'Pine St', 'Cedar Ln', 'Elm St', 'Washington Ave', 'Park Ave', 'Lake St', 'Hill St',
  'Church St', 'Main St', 'Highland Ave', 'Spring St', 'Union St', 'Franklin St', 'Chestnut St', 'Walnut St',
  'Center St', 'Prospect Ave', 'Grove St', 'Bay St', 'Willow Way', 'Sunset Blvd', 'River Rd', 'Mill St',
];
