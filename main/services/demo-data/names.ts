// Name and place lists for synthetic people. Combinations are random; no real person is described.

export const GIVEN_MALE = [
  'James', 'Michael', 'Robert', 'John', 'David', 'William', 'Richard', 'Joseph', 'Thomas', 'Christopher',
  'Charles', 'Daniel', 'Matthew', 'Anthony', 'Mark', 'Steven', 'Paul', 'Andrew', 'Joshua', 'Kevin',
  'Brian', 'Ryan', 'Jacob', 'Gary', 'Eric', 'Tyler', 'Brandon', 'Jason', 'Aaron', 'Nathan',
  'Ethan', 'Liam', 'Noah', 'Mason', 'Logan', 'Caleb', 'Owen', 'Wyatt', 'Henry', 'Jackson',
  'Darnell', 'Jamal', 'Omar', 'Wei', 'Arjun', 'Minh', 'Tuan', 'Hiro', 'Yusuf', 'Dmitri',
] as const;

export const GIVEN_FEMALE = [
  'Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Barbara', 'Susan', 'Jessica', 'Sarah', 'Karen',
  'Lisa', 'Nancy', 'Betty', 'Sandra', 'Ashley', 'Emily', 'Donna', 'Michelle', 'Amanda', 'Melissa',
  'Stephanie', 'Rebecca', 'Laura', 'Hannah', 'Megan', 'Olivia', 'Emma', 'Ava', 'Sophia', 'Abigail',
  'Harper', 'Chloe', 'Grace', 'Zoe', 'Madison', 'Avery', 'Lily', 'Natalie', 'Brooke', 'Kayla',
  'Keisha', 'Nia', 'Aisha', 'Fatima', 'Priya', 'Mei', 'Linh', 'Anh', 'Yuki', 'Svetlana',
] as const;

export const FAMILY = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor',
  'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis',
  'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Hill', 'Green', 'Adams',
  'Baker', 'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner', 'Phillips', 'Campbell', 'Parker', 'Evans',
  'Edwards', 'Collins', 'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers', 'Washington', 'Nguyen', 'Patel',
  'Kim', 'Chen', 'Tran', 'Okafor', "O'Brien", "O'Connor", 'McAllister', 'Van Horn', 'Smith-Jones', 'Schmidt',
] as const;

export const GIVEN_MALE_HISPANIC = [
  'José', 'Juan', 'Luis', 'Carlos', 'Jesús', 'Miguel', 'Francisco', 'Jorge', 'Antonio', 'Alejandro',
  'Manuel', 'Ricardo', 'Fernando', 'Javier', 'Roberto', 'Eduardo', 'Raúl', 'Andrés', 'Héctor', 'Sergio',
  'Mateo', 'Santiago', 'Diego', 'Emiliano', 'Ángel', 'Joaquín', 'Rubén', 'Óscar', 'Pedro', 'Arturo',
] as const;

export const GIVEN_FEMALE_HISPANIC = [
  'María', 'Guadalupe', 'Rosa', 'Ana', 'Carmen', 'Lucía', 'Isabel', 'Sofía', 'Valentina', 'Camila',
  'Gabriela', 'Adriana', 'Verónica', 'Alejandra', 'Leticia', 'Yolanda', 'Mónica', 'Patricia', 'Elena', 'Beatriz',
  'Ximena', 'Daniela', 'Mariana', 'Araceli', 'Inés', 'Dolores', 'Raquel', 'Marisol', 'Itzel', 'Noemí',
] as const;

export const FAMILY_HISPANIC = [
  'García', 'Rodríguez', 'Martínez', 'Hernández', 'López', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres',
  'Flores', 'Rivera', 'Gómez', 'Díaz', 'Cruz', 'Morales', 'Reyes', 'Gutiérrez', 'Ortiz', 'Chávez',
  'Ruiz', 'Jiménez', 'Mendoza', 'Álvarez', 'Castillo', 'Vásquez', 'Romero', 'Herrera', 'Medina', 'Aguilar',
  'Núñez', 'Peña', 'Muñoz', 'Ibáñez', 'Salazar', 'Delgado', 'Vega', 'Cantú', 'Garza', 'Treviño',
  'De la Cruz', 'Zúñiga', 'Villarreal', 'Saldaña', 'Montemayor',
] as const;

/** Records often lose accents; these are the same names without them (computed once). */
export function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}
export const FAMILY_HISPANIC_PLAIN: readonly string[] = FAMILY_HISPANIC.map(stripAccents);

export const STREETS = [
  'Oak', 'Maple', 'Cedar', 'Pecan', 'Mesquite', 'Elm', 'Willow', 'Main', 'Commerce', 'Alamo',
  'Guadalupe', 'San Pedro', 'Culebra', 'Bandera', 'Fredericksburg', 'Blanco', 'Nacogdoches', 'Wurzbach', 'Babcock', 'Hildebrand',
  'Military', 'Zarzamora', 'Las Palmas', 'Buena Vista', 'Mission', 'Riverside', 'Hillcrest', 'Sunset', 'Lakeview', 'Valley View',
] as const;

export const STREET_SUFFIXES = ['St', 'Ave', 'Rd', 'Dr', 'Ln', 'Blvd', 'Ct', 'Way', 'Pkwy', 'Trl'] as const;

export interface Place {
  city: string;
  postalCodes: readonly string[];
}

export const PLACES: readonly Place[] = [
  {
    city: 'San Antonio',
    postalCodes: ['78201', '78207', '78209', '78212', '78213', '78216', '78223', '78228', '78230', '78237', '78240', '78245', '78249', '78251', '78258'],
  },
  { city: 'New Braunfels', postalCodes: ['78130', '78132'] },
  { city: 'Seguin', postalCodes: ['78155'] },
  { city: 'Boerne', postalCodes: ['78006'] },
  { city: 'Schertz', postalCodes: ['78154'] },
  { city: 'Converse', postalCodes: ['78109'] },
  { city: 'Universal City', postalCodes: ['78148'] },
  { city: 'Helotes', postalCodes: ['78023'] },
  { city: 'Castroville', postalCodes: ['78009'] },
  { city: 'Floresville', postalCodes: ['78114'] },
];
export const PLACE_WEIGHTS = [60, 6, 4, 4, 5, 5, 4, 5, 3, 4] as const;

export const AREA_CODES = ['210', '726', '830'] as const;
export const AREA_CODE_WEIGHTS = [70, 10, 20] as const;
